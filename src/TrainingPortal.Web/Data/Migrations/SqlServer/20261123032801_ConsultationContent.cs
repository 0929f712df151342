using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ConsultationContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Verified",
                table: "TrainingCases",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "VerifiedById",
                table: "TrainingCases",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VerifiedUtc",
                table: "TrainingCases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Comments",
                table: "HomeworkSubmissions",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReturnedOn",
                table: "HomeworkSubmissions",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Verified",
                table: "TrainingCases");

            migrationBuilder.DropColumn(
                name: "VerifiedById",
                table: "TrainingCases");

            migrationBuilder.DropColumn(
                name: "VerifiedUtc",
                table: "TrainingCases");

            migrationBuilder.DropColumn(
                name: "Comments",
                table: "HomeworkSubmissions");

            migrationBuilder.DropColumn(
                name: "ReturnedOn",
                table: "HomeworkSubmissions");
        }
    }
}
