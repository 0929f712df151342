using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Mi_Intro_Course : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IntroCourseModules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProgramKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    LinkUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    LinkText = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Published = table.Column<bool>(type: "bit", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedById = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntroCourseModules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntroCourseModules_Programs_ProgramKey",
                        column: x => x.ProgramKey,
                        principalTable: "Programs",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IntroCourseCompletions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModuleId = table.Column<int>(type: "int", nullable: false),
                    PersonId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntroCourseCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntroCourseCompletions_AspNetUsers_PersonId",
                        column: x => x.PersonId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IntroCourseCompletions_IntroCourseModules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "IntroCourseModules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntroCourseQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModuleId = table.Column<int>(type: "int", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Prompt = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Options = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CorrectOption = table.Column<int>(type: "int", nullable: false),
                    Explanation = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntroCourseQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntroCourseQuestions_IntroCourseModules_ModuleId",
                        column: x => x.ModuleId,
                        principalTable: "IntroCourseModules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntroCourseCompletions_ModuleId",
                table: "IntroCourseCompletions",
                column: "ModuleId");

            migrationBuilder.CreateIndex(
                name: "IX_IntroCourseCompletions_PersonId_ModuleId",
                table: "IntroCourseCompletions",
                columns: new[] { "PersonId", "ModuleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntroCourseModules_ProgramKey_Position",
                table: "IntroCourseModules",
                columns: new[] { "ProgramKey", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_IntroCourseQuestions_ModuleId",
                table: "IntroCourseQuestions",
                column: "ModuleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntroCourseCompletions");

            migrationBuilder.DropTable(
                name: "IntroCourseQuestions");

            migrationBuilder.DropTable(
                name: "IntroCourseModules");
        }
    }
}
