using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingPortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Endorsement_Application : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CompetencyAreas",
                table: "TrainingHours",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Provider",
                table: "TrainingHours",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Comments",
                table: "References",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LinkExpiresUtc",
                table: "References",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpenedUtc",
                table: "References",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReceivedUtc",
                table: "References",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recommendation",
                table: "References",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SentUtc",
                table: "References",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TokenHash",
                table: "References",
                type: "varchar(64)",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_References_TokenHash",
                table: "References",
                column: "TokenHash",
                unique: true,
                filter: "[TokenHash] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_References_TokenHash",
                table: "References");

            migrationBuilder.DropColumn(
                name: "CompetencyAreas",
                table: "TrainingHours");

            migrationBuilder.DropColumn(
                name: "Provider",
                table: "TrainingHours");

            migrationBuilder.DropColumn(
                name: "Comments",
                table: "References");

            migrationBuilder.DropColumn(
                name: "LinkExpiresUtc",
                table: "References");

            migrationBuilder.DropColumn(
                name: "OpenedUtc",
                table: "References");

            migrationBuilder.DropColumn(
                name: "ReceivedUtc",
                table: "References");

            migrationBuilder.DropColumn(
                name: "Recommendation",
                table: "References");

            migrationBuilder.DropColumn(
                name: "SentUtc",
                table: "References");

            migrationBuilder.DropColumn(
                name: "TokenHash",
                table: "References");
        }
    }
}
